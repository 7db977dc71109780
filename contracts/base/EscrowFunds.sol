// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {ITenderEscrow} from "../interfaces/ITenderEscrow.sol";
import {Tender} from "../types/Tender.sol";
import {EscrowState} from "./EscrowState.sol";

/// @title EscrowFunds
/// @notice How money comes into the escrow and leaves it, shared by the custody contract and the modules that move
/// money on its storage ({TenderWarranty}): collecting exactly what is owed, bounded pushes that fall back to a
/// credit, and the held share of a payment under warranty.
abstract contract EscrowFunds is EscrowState {
    using SafeERC20 for IERC20;

    /// @dev Gas forwarded with a pushed ETH payment (the receiver also gets the EVM's 2,300 stipend for calls
    /// with value); a receiver needing more is credited instead.
    uint256 internal constant _ETH_PUSH_GAS = 10_000;
    /// @dev Gas forwarded with a pushed ERC-20 transfer; a token (or a receiver hook it calls) needing more is
    /// credited instead. 100,000 covers proxied, blocklisting stablecoins (USDC's FiatTokenProxy and USDT move
    /// funds to a new holder in under 65,000) and bounds what a hostile receiver hook can burn per push.
    uint256 internal constant _TOKEN_PUSH_GAS = 100_000;
    /// @dev What a CALL may cost before it forwards gas: a cold account (2,600), a value transfer (9,000) and a new
    /// account (25,000); plus the opcodes between the check and the call.
    uint256 private constant _ETH_CALL_COST = 36_600 + 400;
    uint256 private constant _TOKEN_CALL_COST = 2_600 + 400;

    /*//////////////////////////////////////////////////////////////
                                  MONEY
    //////////////////////////////////////////////////////////////*/

    /// @dev Takes `amount` of `token` from `from` into escrow; ETH must come as exactly msg.value. Tokens that
    /// deliver less (or more) than asked are refused. A job's token is a contract: it was listed to be posted.
    function _collect(address token, address from, uint256 amount) internal {
        if (token == ETH) {
            if (msg.value != amount) revert ITenderEscrow.WrongEthValue(msg.value, amount);
            return;
        }
        if (msg.value != 0) revert ITenderEscrow.WrongEthValue(msg.value, 0);
        if (amount == 0) return;
        IERC20 erc20 = IERC20(token);
        uint256 balanceBefore = erc20.balanceOf(address(this));
        erc20.safeTransferFrom(from, address(this), amount);
        uint256 balanceAfter = erc20.balanceOf(address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received != amount) revert ITenderEscrow.TokenAmountMismatch(token, amount, received);
    }

    /// @dev Pushes a payment with a bounded amount of gas; if the receiver or the token refuses it (or needs more
    /// gas), credits it for a later {withdraw}, so no receiver can block a settlement or make it dear. Return data
    /// is never copied beyond one word. The caller must leave enough gas for the whole bound, so only the
    /// receiver's own behaviour can turn its payment into a credit.
    function _push(address token, address to, uint256 amount) internal {
        if (amount == 0) return;
        bool ok;
        if (token == ETH) {
            _reserve(_ETH_PUSH_GAS, _ETH_CALL_COST);
            assembly ("memory-safe") {
                ok := call(_ETH_PUSH_GAS, to, amount, 0, 0, 0, 0)
            }
        } else {
            _reserve(_TOKEN_PUSH_GAS, _TOKEN_CALL_COST);
            assembly ("memory-safe") {
                let m := mload(0x40)
                mstore(m, 0xa9059cbb00000000000000000000000000000000000000000000000000000000)
                mstore(add(m, 0x04), and(to, 0xffffffffffffffffffffffffffffffffffffffff))
                mstore(add(m, 0x24), amount)
                ok := call(_TOKEN_PUSH_GAS, token, 0, m, 0x44, 0, 0x20)
                // As SafeERC20: no return data from a contract, or exactly `true`.
                ok := and(ok, or(and(iszero(returndatasize()), gt(extcodesize(token), 0)), and(gt(returndatasize(), 31), eq(mload(0), 1))))
            }
        }
        if (!ok) {
            _credits[to][token] += amount;
            emit ITenderEscrow.PaymentCredited(to, token, amount);
        }
    }

    /// @dev Reverts unless a call forwarding `bound` gas would get all of it under EIP-150's 63/64 rule.
    function _reserve(uint256 bound, uint256 callCost) private view {
        uint256 needed = bound + bound / 63 + callCost;
        uint256 left = gasleft();
        if (left < needed) revert ITenderEscrow.PushGasTooLow(needed, left);
    }

    /// @dev Sends with all gas and reverts on failure: for transfers the receiver asked for.
    function _send(address token, address to, uint256 amount) internal {
        if (token == ETH) {
            bool ok;
            assembly ("memory-safe") {
                ok := call(gas(), to, amount, 0, 0, 0, 0)
            }
            if (!ok) revert ITenderEscrow.EthTransferFailed(to, amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 HOLDBACK
    //////////////////////////////////////////////////////////////*/

    /// @dev Holds ⌊gross × holdbackBps / 10,000⌋ of a payment settling by confirm or finalize, with up to as much of
    /// `bond` as the job's terms stake, under a warranty that runs from now. Returns what is held and the bond
    /// left to pay out now.
    function _holdBack(uint256 jobId, uint256 payment, uint256 gross, uint256 bond)
        internal
        returns (uint256 held, uint256 bondLeft)
    {
        Tender.Warranty memory terms = _warranties[jobId];
        held = gross * terms.holdbackBps / _BPS;
        if (held == 0) return (0, bond); // a share too small to hold: nothing is held, nor any bond with it
        uint256 heldBond = terms.holdBond ? (bond < held ? bond : held) : 0;
        uint40 endsAt = uint40(block.timestamp + terms.warrantyWindow);
        _held[jobId][payment] = Tender.Held({
            amount: uint96(held),
            bond: uint96(heldBond),
            warrantyEndsAt: endsAt,
            claim: Tender.ClaimStatus.None
        });
        emit ITenderEscrow.PaymentHeld(jobId, payment, held, heldBond, endsAt);
        bondLeft = bond - heldBond;
    }

    /*//////////////////////////////////////////////////////////////
                                 CHECKS
    //////////////////////////////////////////////////////////////*/

    function _expectStatus(uint256 jobId, Tender.Status actual, Tender.Status expected) internal pure {
        if (actual == expected) return;
        if (actual == Tender.Status.None) revert ITenderEscrow.UnknownJob(jobId);
        revert ITenderEscrow.WrongStatus(jobId, expected, actual);
    }

    /// @dev The winner's bond leaves the market's books when its job ends: back to the winner on payment, to the
    /// buyer on a decline or non-delivery, and after a dispute to the buyer above 5,000 bps, else to the winner.
    function _takeWinnerBond(uint256 jobId, address winner) internal returns (uint256 bond) {
        Tender.Bid storage bid_ = _bids[jobId][winner];
        bond = bid_.bond;
        if (bond != 0) bid_.bond = 0;
    }
}
