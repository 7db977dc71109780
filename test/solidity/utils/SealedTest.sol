// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../../../contracts/types/Tender.sol";
import {MarketTest} from "./MarketTest.sol";

/// @notice A market with sealed-bid RFQs: posted with a 10% bond and a reveal window (the award window), bids
/// committed and revealed with one salt per bidder. Times are constants: via-IR test functions may not re-read
/// `block.timestamp` after a `vm.warp`.
abstract contract SealedTest is MarketTest {
    uint96 internal constant BOND = MAX / 10;
    uint256 internal constant BID_DEADLINE = START + BIDDING;
    uint256 internal constant REVEAL_DEADLINE = START + BIDDING + AWARD_WINDOW;

    function sealedFloors() internal pure returns (Tender.Floors memory floors) {
        floors = noFloors();
        floors.bondBps = 1_000;
    }

    function sealedRfq(address token) internal view returns (Tender.RFQ memory) {
        return rfqOf(token, Tender.AwardMode.SealedLowestPrice, sealedFloors());
    }

    function postSealed(address token) internal returns (uint256) {
        return postRFQ(sealedRfq(token));
    }

    /// @dev As the escrow checks it: keccak256(abi.encode(chainId, escrow, jobId, supplier, price, salt)).
    function commitmentOf(uint256 jobId, address who, uint96 price, bytes32 salt) internal view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(escrow), jobId, who, price, salt));
    }

    function saltOf(address who) internal pure returns (bytes32) {
        return keccak256(abi.encode("salt", who));
    }

    function commitAs(address who, uint256 jobId, uint96 price, address token) internal {
        bytes32 c = commitmentOf(jobId, who, price, saltOf(who));
        vm.prank(who);
        escrow.commit{value: token == ETH ? BOND : 0}(jobId, c, sealedFloors());
    }

    function commitAs(address who, uint256 jobId, uint96 price) internal {
        commitAs(who, jobId, price, address(usd));
    }

    /// @dev Revealed by a stranger: anyone holding the opening may reveal it.
    function revealAs(address who, uint256 jobId, uint96 price) internal {
        vm.prank(stranger);
        escrow.reveal(jobId, who, price, saltOf(who));
    }
}
