// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {GasBurner, ThriftyReceiver} from "./mocks/Actors.sol";
import {HeavyToken, HookToken} from "./mocks/AdversarialTokens.sol";
import {EscrowTest} from "./utils/EscrowTest.sol";

/// @notice Pushed payments are bounded in gas, for ETH and tokens alike, and only a receiver's own behaviour can
/// turn its payment into a credit: not a hostile hook's appetite (it is cut off), and not a caller who sends just
/// too little gas (the call reverts instead).
contract PushesTest is EscrowTest {
    uint256 internal constant NET = PRICE - PRICE * FEE_BPS / 10_000;

    function _hire(address token, address supplier_) internal returns (uint256 jobId) {
        Tender.DirectHire memory hire = hireOf(token);
        hire.supplier = supplier_;
        jobId = post(hire);
    }

    function _deliverAs(address party, uint256 jobId) internal {
        GasBurner(payable(party)).exec(
            address(escrow), abi.encodeCall(ITenderEscrow.deliver, (jobId, keccak256("w"), "ipfs://w"))
        );
    }

    /*//////////////////////////////////////////////////////////////
                           A HOSTILE RECEIVER
    //////////////////////////////////////////////////////////////*/

    function test_tokenHookThatBurnsEverything_costsTheBoundAndIsCredited() public {
        HookToken hook = new HookToken();
        allowToken(address(hook));
        hook.mint(buyer, PRICE);
        vm.prank(buyer);
        hook.approve(address(escrow), PRICE);
        GasBurner burner = new GasBurner();
        uint256 jobId = _hire(address(hook), address(burner));
        _deliverAs(address(burner), jobId);

        uint256 start = gasleft();
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        uint256 used = start - gasleft();
        assertLt(used, 250_000, "confirm bounded (was ~15.6 M with all gas forwarded)");
        assertEq(escrow.credit(address(burner), address(hook)), NET, "credited to the burner");
        assertEq(hook.balanceOf(address(burner)), 0, "nothing pushed");
    }

    function test_ethReceiverThatBurnsEverything_isCredited() public {
        GasBurner burner = new GasBurner();
        uint256 jobId = _hire(ETH, address(burner));
        _deliverAs(address(burner), jobId);
        uint256 start = gasleft();
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        assertLt(start - gasleft(), 150_000, "bounded");
        assertEq(escrow.credit(address(burner), ETH), NET, "credited");
    }

    /*//////////////////////////////////////////////////////////////
                           REAL TOKENS STILL PUSHED
    //////////////////////////////////////////////////////////////*/

    /// @dev A delivered direct hire in a listed token whose transfers cost what a proxied stablecoin's do.
    function _heavyJobDelivered() internal returns (HeavyToken heavy, uint256 jobId) {
        heavy = new HeavyToken();
        allowToken(address(heavy));
        heavy.mint(buyer, PRICE);
        vm.prank(buyer);
        heavy.approve(address(escrow), PRICE);
        jobId = _hire(address(heavy), supplier);
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
    }

    function test_heavyStablecoinLikeToken_isPushed() public {
        (HeavyToken heavy, uint256 jobId) = _heavyJobDelivered();
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        assertEq(heavy.balanceOf(supplier), NET, "pushed");
        assertEq(escrow.credit(supplier, address(heavy)), 0, "no credit");
    }

    function test_proxiedToken_isPushed() public {
        MockERC20 proxied = MockERC20(
            address(
                new ERC1967Proxy(address(new MockERC20("Impl", "IMP", 6)), abi.encodeCall(MockERC20.mint, (buyer, PRICE)))
            )
        );
        allowToken(address(proxied));
        vm.prank(buyer);
        proxied.approve(address(escrow), PRICE);
        uint256 jobId = _hire(address(proxied), supplier);
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        assertEq(proxied.balanceOf(supplier), NET, "pushed through the proxy");
    }

    /*//////////////////////////////////////////////////////////////
                   A CALLER WHO SENDS JUST TOO LITTLE GAS
    //////////////////////////////////////////////////////////////*/

    /// @dev From too little gas upwards, `finalize` either reverts (nothing changes) or pays the receiver in full by
    /// push: there is no gas at which the push fails for want of gas and the payment becomes a credit. Before the
    /// check, a window of gas (the one this scan steps through) let the call succeed with the push starved.
    function _scanFinalize(uint256 jobId, address receiver, address token) internal {
        vm.warp(block.timestamp + REVIEW);
        uint256 tooLow;
        bool settled;
        for (uint256 g = 30_000; g < 400_000; g += 250) {
            try escrow.finalize{gas: g}(jobId) {
                settled = true;
                break;
            } catch (bytes memory reason) {
                if (reason.length >= 4 && bytes4(reason) == ITenderEscrow.PushGasTooLow.selector) ++tooLow;
            }
        }
        assertTrue(settled, "settles with enough gas");
        assertStatus(jobId, Tender.Status.Settled);
        assertEq(escrow.credit(receiver, token), 0, "never credited for want of gas");
        assertGt(tooLow, 0, "too little gas is refused by the check");
        uint256 paid = token == ETH ? receiver.balance : MockERC20(token).balanceOf(receiver);
        assertEq(paid, NET, "pushed in full");
    }

    function test_finalize_withJustTooLittleGas_neverStarvesAnEthPush() public {
        ThriftyReceiver receiver = new ThriftyReceiver(8_000);
        uint256 jobId = _hire(ETH, address(receiver));
        receiver.exec(address(escrow), abi.encodeCall(ITenderEscrow.deliver, (jobId, keccak256("w"), "ipfs://w")));
        _scanFinalize(jobId, address(receiver), ETH);
    }

    function test_finalize_withJustTooLittleGas_neverStarvesATokenPush() public {
        (HeavyToken heavy, uint256 jobId) = _heavyJobDelivered();
        _scanFinalize(jobId, supplier, address(heavy));
    }
}
