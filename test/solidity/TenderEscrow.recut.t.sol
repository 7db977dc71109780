// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {TenderEscrow} from "../../contracts/TenderEscrow.sol";
import {ITender} from "../../contracts/interfaces/ITender.sol";
import {ITenderAdmin} from "../../contracts/interfaces/ITenderAdmin.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {MarketTest} from "./utils/MarketTest.sol";

/// @notice What the audit of the re-cut (custody contract and admin module, bounded pushes, pinned terms, token list)
/// checked and found sound, kept as regression tests: one storage layout, two-step ownership's edges, a delisted
/// token's running jobs, and pushes that get their whole gas bound at the least gas a call settles with. (Its findings
/// — a treasury at the escrow or its module, a module or token behind an EIP-7702 delegation, a codeless token that
/// could not be delisted — are fixed and tested in TenderEscrow.modules.t.sol.)
contract RecutAuditTest is MarketTest {
    /*//////////////////////////////////////////////////////////////
        CHECK: one storage layout, and two-step ownership edges
    //////////////////////////////////////////////////////////////*/

    /// @dev What the module writes lands in the slots the custody contract reads (solc's storage layouts of
    /// TenderEscrow and TenderAdmin are identical, slots 0-15; this pins the ones the module alone writes).
    function test_check_moduleWritesLandInTheCustodySlots() public {
        vm.prank(owner);
        escrow.transferOwnership(stranger);
        assertEq(address(uint160(uint256(vm.load(address(escrow), bytes32(uint256(13)))))), owner, "_owner slot 13");
        assertEq(address(uint160(uint256(vm.load(address(escrow), bytes32(uint256(14)))))), stranger, "_pendingOwner 14");
        bytes32 listed = keccak256(abi.encode(address(usd), uint256(15)));
        assertEq(uint256(vm.load(address(escrow), listed)), 1, "_tokenAllowed slot 15");
        bytes32 config = vm.load(address(escrow), bytes32(0));
        assertEq(address(uint160(uint256(config))), treasury, "_config.treasury");
        assertEq(uint256(uint16(uint256(config) >> 160)), FEE_BPS, "_config.feeBps");
    }

    function test_check_ownership_cancelRetargetAndEvents() public {
        vm.prank(owner);
        escrow.transferOwnership(stranger);
        vm.expectEmit(address(escrow));
        emit ITenderAdmin.OwnershipTransferStarted(owner, address(0));
        vm.prank(owner);
        escrow.transferOwnership(address(0)); // cancels
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderAdmin.OwnableUnauthorizedAccount.selector, stranger));
        escrow.acceptOwnership();
        // (With nothing pending, msg.sender == address(0) would pass the check — as in OZ's Ownable2Step; no
        // transaction can come from address(0).)
        vm.prank(owner);
        escrow.transferOwnership(buyer);
        vm.prank(owner);
        escrow.transferOwnership(stranger); // retargets
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderAdmin.OwnableUnauthorizedAccount.selector, buyer));
        escrow.acceptOwnership();
        vm.expectEmit(address(escrow));
        emit ITenderAdmin.OwnershipTransferred(owner, stranger);
        vm.prank(stranger);
        escrow.acceptOwnership();
        assertEq(escrow.owner(), stranger, "owner");
        assertEq(escrow.pendingOwner(), address(0), "pending cleared");
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ITenderAdmin.OwnableUnauthorizedAccount.selector, owner));
        escrow.setProtocolFee(0);
    }

    /*//////////////////////////////////////////////////////////////
        CHECK: delisting touches nothing running (money rule 6)
    //////////////////////////////////////////////////////////////*/

    /// @dev Bids (with bonds) on an open RFQ, award, delivery, a dispute with both fees, a ruling, bond reclaims
    /// and withdrawals all run in a token delisted after posting.
    function test_check_delisting_leavesBidsDisputesBondsAndWithdrawalsAlone() public {
        Tender.Floors memory floors = noFloors();
        floors.bondBps = 1_000;
        uint256 jobId = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors));
        bidAs(s1, jobId, 600e6, floors, address(usd));
        vm.prank(owner);
        escrow.setTokenAllowed(address(usd), false);
        bidAs(s2, jobId, 700e6, floors, address(usd)); // bid + bond after the delisting
        vm.prank(s1);
        escrow.improveBid(jobId, 550e6);
        vm.warp(START + BIDDING);
        escrow.award(jobId);
        vm.prank(s2);
        escrow.reclaimBond(jobId);
        vm.prank(s1);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.dispute(jobId, "ipfs://s");
        vm.prank(s1);
        escrow.respond(jobId, "ipfs://r");
        vm.prank(arbitrator);
        escrow.rule(jobId, 2_000, keccak256("r"));
        assertStatus(jobId, Tender.Status.Settled);

        // A credit in the delisted token is still withdrawable.
        bytes32 slot = keccak256(abi.encode(address(usd), keccak256(abi.encode(stranger, uint256(3)))));
        vm.store(address(escrow), slot, bytes32(uint256(1)));
        usd.mint(address(escrow), 1);
        vm.prank(stranger);
        escrow.withdraw(address(usd), stranger);
        assertEq(usd.balanceOf(stranger), 1, "withdrawn");
        escrow.collectProtocolFees(address(usd));
    }

}

/// @notice Finds the least gas a `finalize` settles with, and what the push's callee saw there.
abstract contract GasProbeBase is MarketTest {
    /// @dev Binary-searches the least gas `finalize` succeeds with (probing through a contract that reverts after
    /// each try, so nothing commits), then checks that at that gas and just above it the receiver (ETH) or the token
    /// (ERC-20) got exactly the gas it gets when the caller sends plenty: the reservation leaves no window in which a
    /// caller could starve a push.
    function _leastGasAndSeen(Prober p, uint256 jobId, GasRecorder rec)
        internal
        returns (uint256 least)
    {
        uint256 lo = 20_000;
        uint256 hi = 1_000_000;
        (bool okHi,,) = p.probe(address(escrow), jobId, hi, rec);
        assertTrue(okHi, "settles with plenty of gas");
        while (lo + 1 < hi) {
            uint256 mid = (lo + hi) / 2;
            (bool ok,,) = p.probe(address(escrow), jobId, mid, rec);
            if (ok) hi = mid;
            else lo = mid;
        }
        least = hi;
    }

    function _scanFrom(Prober p, uint256 jobId, GasRecorder rec, uint256 least, uint256 full) internal {
        for (uint256 g = least; g < least + 64; ++g) {
            (bool ok, uint256 s, bool credited) = p.probe(address(escrow), jobId, g, rec);
            assertTrue(ok, "settles at and above the least gas");
            assertFalse(credited, "starved into a credit");
            assertEq(s, full, "whole bound at and above the least gas");
        }
    }

}

/// @notice The reservation, measured as in a fresh transaction: everything is prepared in setUp (a transaction of
/// its own), so the test starts with the escrow, the token (or the receiver) and their storage cold; each probe
/// reverts, so each starts as cold as the first.
contract ColdPushCheck is GasProbeBase {
    TokenGasRecorder internal token;
    EthGasRecorder internal ethReceiver;
    Prober internal prober;
    uint256 internal tokenJob;
    uint256 internal ethJob;

    function setUp() public override {
        super.setUp();
        prober = new Prober();
        token = new TokenGasRecorder();
        allowToken(address(token));
        token.mint(buyer, PRICE);
        vm.prank(buyer);
        token.approve(address(escrow), PRICE);
        tokenJob = post(hireOf(address(token)));
        vm.prank(supplier);
        escrow.deliver(tokenJob, keccak256("w"), "ipfs://w");

        ethReceiver = new EthGasRecorder();
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.supplier = address(ethReceiver);
        ethJob = post(hire);
        ethReceiver.exec(address(escrow), abi.encodeCall(ITenderEscrow.deliver, (ethJob, keccak256("w"), "ipfs://w")));
    }

    function test_check_tokenIsColdAtTheStart() public view {
        address t = address(token);
        uint256 g = gasleft();
        uint256 sz;
        assembly {
            sz := extcodesize(t)
        }
        uint256 cost = g - gasleft();
        assertGt(sz, 0, "token has code");
        assertGt(cost, 2_000, "token account cold");
    }

    /*//////////////////////////////////////////////////////////////
        CHECK: a push always gets its whole bound (no starving)
    //////////////////////////////////////////////////////////////*/

    function test_check_ethPush_getsItsWholeBound_atTheLeastGasThatSettles() public {
        vm.warp(block.timestamp + REVIEW);
        uint256 jobId = ethJob;
        EthGasRecorder receiver = ethReceiver;
        (, uint256 full,) = prober.probe(address(escrow), jobId, 5_000_000, receiver);
        uint256 least = _leastGasAndSeen(prober, jobId, receiver);
        _scanFrom(prober, jobId, receiver, least, full);
        assertGt(least, 47_000, "the reservation binds");
    }

    function test_check_tokenPush_getsItsWholeBound_atTheLeastGasThatSettles() public {
        vm.warp(block.timestamp + REVIEW);
        uint256 jobId = tokenJob;
        (, uint256 full,) = prober.probe(address(escrow), jobId, 5_000_000, token);
        uint256 least = _leastGasAndSeen(prober, jobId, token);
        _scanFrom(prober, jobId, token, least, full);
        assertGt(least, 100_000, "the reservation binds");
    }
}

/// @notice Records (in transient storage) the gas it had when it was paid.
abstract contract GasRecorder {
    function seen() external view returns (uint256 g) {
        assembly {
            g := tload(0)
        }
    }

    function _record() internal {
        assembly {
            tstore(0, gas())
        }
    }
}

/// @notice A supplier contract that records the gas its ETH payment came with.
contract EthGasRecorder is GasRecorder {
    function exec(address target, bytes calldata data) external {
        (bool ok, bytes memory r) = target.call(data);
        if (!ok) {
            assembly {
                revert(add(r, 32), mload(r))
            }
        }
    }

    receive() external payable {
        _record();
    }
}

/// @notice An ERC-20 that records the gas each `transfer` came with.
contract TokenGasRecorder is ERC20, GasRecorder {
    constructor() ERC20("Recorder", "REC") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        _record();
        return super.transfer(to, value);
    }
}

/// @notice Calls finalize with a given gas, reads what the recorder saw, and reverts with both, so nothing commits.
contract Prober {
    error Probed(bool ok, uint256 seen, bool credited);

    function probe(address escrow, uint256 jobId, uint256 gas_, GasRecorder rec)
        external
        returns (bool ok, uint256 seen, bool credited)
    {
        try this.run(escrow, jobId, gas_, rec) {}
        catch (bytes memory reason) {
            if (reason.length == 4 + 96 && bytes4(reason) == Probed.selector) {
                (ok, seen, credited) = abi.decode(_tail(reason), (bool, uint256, bool));
            }
        }
    }

    function run(address escrow, uint256 jobId, uint256 gas_, GasRecorder rec) external {
        (bool ok,) = escrow.call{gas: gas_}(abi.encodeCall(ITenderEscrow.finalize, (jobId)));
        uint256 seen = ok ? rec.seen() : 0;
        Tender.Job memory j = ITenderAdmin(escrow).job(jobId);
        bool credited = ok && ITenderAdmin(escrow).credit(j.supplier, j.token) != 0;
        revert Probed(ok, seen, credited);
    }

    function _tail(bytes memory reason) private pure returns (bytes memory tail) {
        tail = new bytes(reason.length - 4);
        for (uint256 i; i < tail.length; ++i) tail[i] = reason[i + 4];
    }
}




